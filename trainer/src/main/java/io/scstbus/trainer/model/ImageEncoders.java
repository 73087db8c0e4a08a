package io.scstbus.trainer.model;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image encoders a {@link ModelConfig} names, as initialised DJL blocks whose output is a feature
 * map (B, C, H, W) or a token sequence (B, N, D):
 * <ul>
 *   <li>{@code cnn}: stride-2 3x3 convolutions with ReLU ({@code model.channels});</li>
 *   <li>{@code resnet18|34|50}: DJL's ResNet-V1 ({@link ResNetV1}, random init) without its pooling
 *       and classifier head, so a 224-px image gives 7 x 7 regions of 512 (2048 for ResNet-50) values;</li>
 *   <li>{@code torchscript:PATH}: a TorchScript module loaded by DJL's PyTorch engine; its
 *       {@code forward} takes (B, 3, S, S) float32 in [-1, 1].</li>
 * </ul>
 */
final class ImageEncoders {

    private ImageEncoders() {
    }

    static Block create(ModelConfig config, NDManager manager) {
        int s = config.imageSize();
        Shape images = new Shape(1, 3, s, s);
        if (config.encoder().startsWith(ModelConfig.TORCHSCRIPT)) {
            return torchScript(Path.of(config.encoder().substring(ModelConfig.TORCHSCRIPT.length())), manager,
                    !config.frozen());
        }
        Block block = config.encoder().equals("cnn") ? cnn(config)
                : resnet(ModelConfig.resnetLayers(config.encoder()), images, manager);
        block.initialize(manager, DataType.FLOAT32, images);
        return block;
    }

    private static Block cnn(ModelConfig config) {
        SequentialBlock cnn = new SequentialBlock();
        for (int filters : config.channels()) {
            cnn.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build());
            cnn.add(Activation::relu);
        }
        return cnn;
    }

    /**
     * DJL's ResNet up to its last residual stage: its children before the global pooling, initialised
     * with the full network (initialising the trunk again keeps their parameters).
     */
    private static Block resnet(int layers, Shape images, NDManager manager) {
        SequentialBlock full = ResNetV1.builder().setNumLayers(layers).setImageShape(images.slice(1)).setOutSize(1).build();
        full.initialize(manager, DataType.FLOAT32, images);
        SequentialBlock trunk = new SequentialBlock();
        Shape[] shape = {images};
        for (Block child : full.getChildren().values()) {
            Shape[] next = child.getOutputShapes(shape);
            if (next[0].dimension() != 4) {
                break;
            }
            trunk.add(child);
            shape = next;
        }
        return trunk;
    }

    private static Block torchScript(Path file, NDManager manager, boolean trainable) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model.encoder names TorchScript file " + file + ", which does not exist");
        }
        if (!(manager instanceof PtNDManager pt)) {
            throw new IllegalStateException("a torchscript: encoder needs DJL's PyTorch engine, the default engine is "
                    + manager.getEngine().getEngineName());
        }
        try {
            return JniUtils.loadModule(pt, file, true, new String[0], new String[0], trainable);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load TorchScript encoder " + file + ": " + e.getMessage(), e);
        }
    }
}
