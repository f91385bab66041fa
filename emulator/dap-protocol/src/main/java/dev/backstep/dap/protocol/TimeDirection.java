package dev.backstep.dap.protocol;

import com.google.gson.annotations.SerializedName;

/** Which way in time an operation moved the program (the {@code direction} of a stop). */
public enum TimeDirection {
    @SerializedName("forward")
    FORWARD,
    @SerializedName("backward")
    BACKWARD
}
