"""scst-bus Python client: publish SCST rollouts to the reward workers over Kafka, join their
scores exactly as the Java trainer does, and turn them into per-image advantages (plain lists).

    from scstbus_client import RewardClient, Rollout
    with RewardClient("localhost:9092", "my-run", signals=["cider_d", "length"],
                      weights={"cider_d": 1.0, "length": 0.0}) as bus:
        bus.publish(step, [Rollout(image_id, "rsicd", samples, greedy) for ...])
        rewards = bus.collect(step)
        adv = bus.advantages(rewards, baseline="greedy")
"""

from .advantages import Advantages, EmptySamples, ImageAdvantages, LeftOut, compute_advantages, empty_sample_indices
from .client import RewardClient, Topics
from .joiner import Offer, RewardJoiner
from .model import (ERROR, INVALID, OK, TIMEOUT, Caption, CandidateRewards, CountError, Details, GroupRewards,
                    JoinStats, LoadReport, References, Rollout, RolloutKey, Score, StepRewards)

__all__ = [
    "Advantages", "Caption", "CandidateRewards", "CountError", "Details", "ERROR", "EmptySamples", "GroupRewards", "INVALID",
    "ImageAdvantages", "JoinStats", "LeftOut", "LoadReport", "OK", "Offer", "References", "RewardClient",
    "RewardJoiner", "Rollout", "RolloutKey", "Score", "StepRewards", "TIMEOUT", "Topics", "compute_advantages",
    "empty_sample_indices",
]
