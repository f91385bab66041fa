package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/info}: none; a class so that clients may send "arguments": {}. */
public final class InfoArguments {
}
