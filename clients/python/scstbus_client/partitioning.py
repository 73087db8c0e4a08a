"""The rollout partition of an image, as the Java side's io.scstbus.proto.ImagePartitioner computes it:
``toPositive(murmur2(UTF-8 bytes of the image id)) % partitions`` with Kafka's murmur2
(org.apache.kafka.common.utils.Utils). Every rollout group of one image then lands on one partition,
whatever its run and step, so one worker instance sees that image and caches only its share of the
images. testdata/partitioning/image-partitions.tsv, written from the Java function, holds the values
both sides must reproduce."""

_MASK = 0xFFFFFFFF
_SEED = 0x9747B28C
_M = 0x5BD1E995
_R = 24


def murmur2(data: bytes) -> int:
    """Kafka's murmur2 of ``data``, as Java's ``Utils.murmur2`` returns it: a signed 32-bit int.
    Java's int arithmetic wraps at 32 bits and ``>>>`` shifts in zeros, so the state is kept as an
    unsigned 32-bit value here (``& _MASK`` after every multiplication) and made signed at the end."""
    length = len(data)
    h = (_SEED ^ length) & _MASK
    whole = length & ~3
    for i in range(0, whole, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * _M) & _MASK
        k ^= k >> _R
        k = (k * _M) & _MASK
        h = (h * _M) & _MASK
        h ^= k
    tail = length & 3
    # Java's switch falls through: 3 takes in the third byte, then the second, then the first
    if tail == 3:
        h ^= data[whole + 2] << 16
    if tail >= 2:
        h ^= data[whole + 1] << 8
    if tail >= 1:
        h ^= data[whole]
        h = (h * _M) & _MASK
    h ^= h >> 13
    h = (h * _M) & _MASK
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


def to_positive(number: int) -> int:
    """Java's ``Utils.toPositive``: the sign bit cleared (not the absolute value)."""
    return number & 0x7FFFFFFF


def partition_of(image_id: str, partitions: int) -> int:
    """The partition of ``image_id``'s rollouts among ``partitions`` (ImagePartitioner.partitionOf)."""
    if partitions < 1:
        raise ValueError(f"a topic has at least one partition, got {partitions}")
    return to_positive(murmur2(image_id.encode("utf-8"))) % partitions
