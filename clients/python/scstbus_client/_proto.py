"""The generated protobuf modules of the wire contract (scstbus.v1), found on sys.path or in
clients/python/gen/ where generate.sh writes them. Only this module and wire.py know protobuf."""

import os
import sys

_GEN = os.environ.get("SCSTBUS_PROTO_GEN") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gen")

try:
    from scstbus.v1 import references_pb2, reward_pb2, rollout_pb2, services_pb2
except ImportError:
    if os.path.isdir(_GEN) and _GEN not in sys.path:
        sys.path.append(_GEN)
    try:
        from scstbus.v1 import references_pb2, reward_pb2, rollout_pb2, services_pb2
    except ImportError as e:
        raise ImportError(
            "the scstbus.v1 protobuf modules are missing: run clients/python/generate.sh "
            "(or put its output folder on PYTHONPATH / in SCSTBUS_PROTO_GEN); cause: " + str(e)) from e

__all__ = ["references_pb2", "reward_pb2", "rollout_pb2", "services_pb2"]
