package io.scstbus.rewards.graph.factual;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models without the onnx library: the few messages of {@code onnx.proto} a graph of
 * standard operators needs (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
 * TypeProto, TensorShapeProto, OperatorSetIdProto), encoded with protobuf's wire format and the official
 * field numbers. Dimensions given as strings are symbolic ({@code "batch"}), numbers are fixed.
 */
final class OnnxModelWriter {

    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final List<ByteString> nodes = new ArrayList<>();
    private final List<ByteString> initializers = new ArrayList<>();
    private final List<ByteString> inputs = new ArrayList<>();
    private final List<ByteString> outputs = new ArrayList<>();
    private final String name;
    private final int opset;

    OnnxModelWriter(String name, int opset) {
        this.name = name;
        this.opset = opset;
    }

    OnnxModelWriter input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    OnnxModelWriter output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    /** A node; attributes are name/value pairs (Integer or Long: INT, long[]: INTS). */
    OnnxModelWriter node(String opType, List<String> in, List<String> out, Object... attributes) {
        Message node = new Message();
        in.forEach(i -> node.string(1, i));
        out.forEach(o -> node.string(2, o));
        node.string(3, opType + "_" + nodes.size());
        node.string(4, opType);
        for (int i = 0; i < attributes.length; i += 2) {
            node.message(5, attribute((String) attributes[i], attributes[i + 1]));
        }
        nodes.add(node.bytes());
        return this;
    }

    OnnxModelWriter floats(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        initializers.add(tensor(name, FLOAT, raw.array(), dims));
        return this;
    }

    OnnxModelWriter longs(String name, long[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(tensor(name, INT64, raw.array(), dims));
        return this;
    }

    byte[] toBytes() {
        Message graph = new Message();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        Message opsetId = new Message().string(1, "").int64(2, opset);
        return new Message()
                .int64(1, 8) // ir_version 8 (ONNX 1.10+)
                .string(2, "scst-bus tests")
                .message(7, graph.bytes())
                .message(8, opsetId.bytes())
                .bytes().toByteArray();
    }

    private static ByteString attribute(String name, Object value) {
        Message attribute = new Message().string(1, name);
        if (value instanceof Integer || value instanceof Long) {
            attribute.int64(3, ((Number) value).longValue()).int64(20, 2); // INT
        } else if (value instanceof long[] ints) {
            for (long i : ints) {
                attribute.int64(8, i);
            }
            attribute.int64(20, 7); // INTS
        } else {
            throw new IllegalArgumentException("unsupported attribute value " + value);
        }
        return attribute.bytes();
    }

    private static ByteString tensor(String name, int dataType, byte[] raw, long... dims) {
        Message tensor = new Message();
        for (long d : dims) {
            tensor.int64(1, d);
        }
        return tensor.int64(2, dataType).string(8, name).raw(9, raw).bytes();
    }

    private static ByteString valueInfo(String name, int elemType, Object... dims) {
        Message shape = new Message();
        for (Object dim : dims) {
            Message d = new Message();
            if (dim instanceof String param) {
                d.string(2, param);
            } else {
                d.int64(1, ((Number) dim).longValue());
            }
            shape.message(1, d.bytes());
        }
        Message tensorType = new Message().int64(1, elemType).message(2, shape.bytes());
        Message type = new Message().message(1, tensorType.bytes());
        return new Message().string(1, name).message(2, type.bytes()).bytes();
    }

    /** One protobuf message being written, field by field. */
    private static final class Message {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        Message int64(int field, long value) {
            try {
                out.writeInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message string(int field, String value) {
            try {
                out.writeString(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message raw(int field, byte[] value) {
            try {
                out.writeByteArray(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Message message(int field, ByteString value) {
            try {
                out.writeBytes(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        ByteString bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ByteString.copyFrom(buffer.toByteArray());
        }
    }
}
