package io.scstbus.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real KRaft broker per test class: {@code @ExtendWith(KafkaBrokerExtension.class)} and take an
 * {@link EmbeddedKafkaBroker} parameter in a {@code @BeforeAll}, {@code @Test} or constructor.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("broker", EmbeddedKafkaBroker.startTemporary());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EmbeddedKafkaBroker broker = context.getStore(NAMESPACE).remove("broker", EmbeddedKafkaBroker.class);
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = extensionContext;
        while (classContext.getStore(NAMESPACE).get("broker") == null && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).get("broker", EmbeddedKafkaBroker.class);
    }
}
