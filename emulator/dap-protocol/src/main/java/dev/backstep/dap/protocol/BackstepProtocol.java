package dev.backstep.dap.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

/** The names of Backstep's custom requests, and the Gson set-up both ends of the connection need. */
public final class BackstepProtocol {
    public static final String SEEK = "backstep/seek";
    public static final String INFO = "backstep/info";
    public static final String SAVE_RECORDING = "backstep/saveRecording";
    public static final String REVERSE_STEP_OUT = "backstep/reverseStepOut";
    public static final String REVERSE_STEP_IN = "backstep/reverseStepIn";
    public static final String RUN_TO_LINE = "backstep/runToLine";
    public static final String INPUT = "backstep/input";
    public static final String TASKS = "backstep/tasks";
    public static final String TASK_SWITCHES = "backstep/taskSwitches";
    public static final String REVERSE_TO_TASK = "backstep/reverseToTask";
    public static final String HISTORY = "backstep/history";
    public static final String HITS = "backstep/hits";

    private BackstepProtocol() {
    }

    /**
     * Reads every {@code stopped} event body as a {@link BackstepStoppedEventArguments} (with its time fields), and
     * writes one with them. For {@code Launcher.Builder.configureGson}.
     */
    public static void configureGson(GsonBuilder gson) {
        gson.registerTypeAdapterFactory(new StoppedBodies());
    }

    private static final class StoppedBodies implements TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != StoppedEventArguments.class) {
                return null;
            }
            return (TypeAdapter<T>) gson.getDelegateAdapter(this, TypeToken.get(BackstepStoppedEventArguments.class));
        }
    }
}
