package io.scstbus.rewards.graph.factual;

/**
 * DJL settings that keep the FACTUAL backend offline, applied only where the user set nothing:
 * <ul>
 *   <li>{@code OPT_OUT_TRACKING=true}: DJL's tokenizer and engines otherwise probe the EC2 metadata
 *       address for telemetry when they start (up to a few seconds without a network).</li>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads native libraries or models; everything this
 *       backend needs ships in the Maven jars (ONNX Runtime in com.microsoft.onnxruntime:onnxruntime,
 *       the tokenizers library in ai.djl.huggingface:tokenizers).</li>
 *   <li>{@code ai.djl.onnx.disable_alternative=true}: no second engine is looked up for NDArray operations,
 *       which this backend does not use.</li>
 * </ul>
 */
final class DjlDefaults {

    private DjlDefaults() {
    }

    static synchronized void apply() {
        if (System.getenv("OPT_OUT_TRACKING") == null) {
            System.getProperties().putIfAbsent("OPT_OUT_TRACKING", "true");
        }
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        System.getProperties().putIfAbsent("ai.djl.onnx.disable_alternative", "true");
    }
}
