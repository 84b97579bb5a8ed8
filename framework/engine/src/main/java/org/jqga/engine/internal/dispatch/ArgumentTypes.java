package org.jqga.engine.internal.dispatch;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.jqga.api.Command;

/** Finds the {@code A} of a class implementing {@code Command<A>}, once per class. */
final class ArgumentTypes {

    private static final ClassValue<Class<?>> TYPES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> commandClass) {
            for (Class<?> c = commandClass; c != null; c = c.getSuperclass()) {
                for (Type type : c.getGenericInterfaces()) {
                    if (type instanceof ParameterizedType p && p.getRawType() == Command.class
                            && p.getActualTypeArguments()[0] instanceof Class<?> argumentType) {
                        return argumentType;
                    }
                }
            }
            throw new IllegalStateException(commandClass + " must implement Command<A> with a concrete arguments record A");
        }
    };

    private ArgumentTypes() {
    }

    static Class<?> of(Command<?> command) {
        return TYPES.get(command.getClass());
    }
}
