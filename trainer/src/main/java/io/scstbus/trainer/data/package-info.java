/**
 * Caption datasets for the trainer: Karpathy-style and COCO/LAVIS-style annotation readers, per-image
 * count dictionaries, image loading to tensor-ready arrays, the {@link io.scstbus.trainer.data.Vocabulary}
 * and the DJL dataset used for cross-entropy training. Knows DJL only in {@link
 * io.scstbus.trainer.data.CaptionPairs}; knows nothing of Kafka.
 */
package io.scstbus.trainer.data;
