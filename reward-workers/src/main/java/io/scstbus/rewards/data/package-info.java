/**
 * Dataset files as scst-bus reads them: caption annotations (Karpathy, COCO, LAVIS) through one
 * {@link io.scstbus.rewards.data.AnnotationReader}, and per-image count dictionaries. The trainer,
 * the metric tools and the worker's loaders all read through here, so an image has one id everywhere.
 */
package io.scstbus.rewards.data;
