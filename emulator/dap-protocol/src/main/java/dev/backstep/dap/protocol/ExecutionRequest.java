package dev.backstep.dap.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a custom request that sets the program going: the server answers it, sends {@code continued} (a client
 * assumes it only for its built-in requests), and then {@code stopped} where the operation ends. Clients use the
 * mark to show "running" (the TypeScript list {@code EXECUTION_REQUESTS} is generated from it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExecutionRequest {
}
