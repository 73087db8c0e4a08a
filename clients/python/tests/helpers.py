"""Protobuf builders for the unit tests (the shapes of trainer/src/test/.../TestRollouts.java), and
where the repository's test data is. The tests import the installed scstbus_client (run-tests.sh
installs it into a virtual environment with pip, as users do)."""

import os

from scstbus_client import model, wire
from scstbus_client._proto import reward_pb2

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
TESTDATA = os.environ.get("SCSTBUS_TESTDATA") or os.path.join(ROOT, "testdata")


def group(run="run", step=1, image="img0", k=3, signals=("length",), greedy=True):
    samples = [model.Caption(("plane " + "near " * s).strip() + " .", s + 2) for s in range(k)]
    r = model.Rollout(image, "test", samples, model.Caption("a plane .", 3) if greedy else None, policy_version=step)
    return wire.rollout_group(run, step, r, list(signals), {s: 1.0 for s in signals})


def score(signal, value, status=reward_pb2.OK, reason=""):
    return reward_pb2.SignalScore(signal=signal, value=value, status=status, reason=reason,
                                  scorer_version=signal + "/1")


def result(g, signals=("length",), value=lambda idx, greedy, signal: float(idx), status=reward_pb2.OK,
           candidates=None, worker_group="cheap"):
    """A result for group g: every candidate (or those in ``candidates``: (index, greedy) pairs)
    scored for ``signals``."""
    if candidates is None:
        candidates = [(c.sample_index, False) for c in g.samples]
        if g.HasField("greedy"):
            candidates.append((g.greedy.sample_index, True))
    r = reward_pb2.RewardResult(key=g.key, worker_group=worker_group, worker_id="w1",
                                policy_version=g.policy_version, attempt=g.attempt)
    for idx, greedy in candidates:
        r.candidates.add(sample_index=idx, greedy=greedy,
                         scores=[score(s, value(idx, greedy, s), status) for s in signals])
    return r
