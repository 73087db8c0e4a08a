"""The generated protobuf modules of the wire contract (scstbus.v1), which the package's build writes
next to it (setup.py runs protoc on proto/src/main/protobuf). Only this module and wire.py know protobuf."""

try:
    from scstbus.v1 import references_pb2, reward_pb2, rollout_pb2, services_pb2
except ImportError as e:
    raise ImportError(
        "the scstbus.v1 protobuf modules are missing: install the client with "
        "'pip install --no-build-isolation ./clients/python' (it generates them with protoc); cause: " + str(e)) from e

__all__ = ["references_pb2", "reward_pb2", "rollout_pb2", "services_pb2"]
