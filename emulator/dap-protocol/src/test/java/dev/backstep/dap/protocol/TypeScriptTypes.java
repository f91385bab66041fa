package dev.backstep.dap.protocol;

import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/**
 * Writes the TypeScript view of this package for the VS Code extension: the request names, which of them run the
 * program, and an interface per argument and response class. A field is required when it is a primitive or
 * {@link NonNull}; lsp4j's own types become those of {@code @vscode/debugprotocol}.
 */
final class TypeScriptTypes {
    static final String PATH = "vscode/src/protocol/backstepProtocol.ts";

    private TypeScriptTypes() {
    }

    static String render() {
        List<Method> requests = Arrays.stream(BackstepProtocolServer.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(JsonRequest.class))
                .sorted(Comparator.comparing(m -> m.getAnnotation(JsonRequest.class).value()))
                .toList();
        Set<Class<?>> types = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        out.append("// Generated from the Java protocol module emulator/dap-protocol (package dev.backstep.dap.protocol)\n")
                .append("// by its test ProtocolDriftTest, which fails when this file and the Java classes differ. Do not edit:\n")
                .append("// change the Java classes, then run\n")
                .append("//   ./mvnw -B -pl emulator/dap-protocol verify -Dbackstep.protocol.write=true\n")
                .append("import type { DebugProtocol } from '@vscode/debugprotocol';\n\n");

        out.append("/** The custom requests of the Backstep server, by the names the extension uses. */\n");
        out.append("export const CustomRequest = {\n");
        for (Method m : requests) {
            out.append("    ").append(m.getName()).append(": '").append(name(m)).append("',\n");
        }
        out.append("} as const;\n\n");
        out.append("export type CustomRequestName = (typeof CustomRequest)[keyof typeof CustomRequest];\n\n");

        out.append("/** Requests that set the program going: the server answers, sends continued, then stopped. */\n");
        out.append("export const EXECUTION_REQUESTS: readonly CustomRequestName[] = [\n");
        for (Method m : requests) {
            if (m.isAnnotationPresent(ExecutionRequest.class)) {
                out.append("    CustomRequest.").append(m.getName()).append(",\n");
            }
        }
        out.append("];\n\n");

        out.append("/** Arguments and response body of each custom request. */\n");
        out.append("export interface CustomRequests {\n");
        for (Method m : requests) {
            Class<?> args = m.getParameterTypes()[0];
            Type result = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
            types.add(args);
            if (result != Void.class) {
                types.add((Class<?>) result);
            }
            out.append("    '").append(name(m)).append("': { arguments: ").append(args.getSimpleName())
                    .append("; response: ").append(result == Void.class ? "undefined" : ((Class<?>) result).getSimpleName())
                    .append(" };\n");
        }
        out.append("}\n");

        types.add(BackstepStoppedEventArguments.class);
        List<Class<?>> pending = new ArrayList<>(types);
        Set<Class<?>> written = new LinkedHashSet<>();
        for (int i = 0; i < pending.size(); i++) {
            Class<?> c = pending.get(i);
            if (!written.add(c)) {
                continue;
            }
            out.append('\n');
            if (c.isEnum()) {
                out.append("export type ").append(c.getSimpleName()).append(" = ")
                        .append(String.join(" | ", enumValues(c))).append(";\n");
                continue;
            }
            String base = c == BackstepStoppedEventArguments.class
                    ? " extends NonNullable<DebugProtocol.StoppedEvent['body']>" : "";
            String name = c == BackstepStoppedEventArguments.class ? "StoppedEventBody" : c.getSimpleName();
            out.append("export interface ").append(name).append(base).append(" {\n");
            for (Field f : fields(c)) {
                boolean required = f.getType().isPrimitive() || f.isAnnotationPresent(NonNull.class);
                out.append("    ").append(f.getName()).append(required ? ": " : "?: ")
                        .append(tsType(f.getType(), pending)).append(";\n");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static String name(Method m) {
        return m.getAnnotation(JsonRequest.class).value();
    }

    private static List<Field> fields(Class<?> c) {
        return Arrays.stream(c.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .toList();
    }

    private static List<String> enumValues(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Object constant : c.getEnumConstants()) {
            String n = ((Enum<?>) constant).name();
            try {
                SerializedName s = c.getField(n).getAnnotation(SerializedName.class);
                out.add("'" + (s != null ? s.value() : n) + "'");
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String tsType(Class<?> t, List<Class<?>> pending) {
        if (t == long.class || t == int.class || t == Long.class || t == Integer.class || t == double.class
                || t == Double.class) {
            return "number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "boolean";
        }
        if (t == String.class) {
            return "string";
        }
        if (t.isArray()) {
            return tsType(t.getComponentType(), pending) + "[]";
        }
        if (t == Source.class) {
            return "DebugProtocol.Source";
        }
        if (t == StoppedEventArguments.class) {
            return "NonNullable<DebugProtocol.StoppedEvent['body']>";
        }
        if (t.getPackage() == BackstepProtocol.class.getPackage()) {
            pending.add(t);
            return t.getSimpleName();
        }
        throw new IllegalStateException("no TypeScript type for " + t.getName() + ": add one to TypeScriptTypes");
    }
}
