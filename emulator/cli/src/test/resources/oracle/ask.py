# Asks gdb the gdb oracle test's questions (see GdbOracleTest) and prints each answer as one
# "ORACLE {json}" line: where `break NAME` puts its locations, and at each stop the frames of
# the backtrace, the arguments and locals of the two innermost frames, and printed values.
# The questions come from the JSON file named by the ORACLE_PARAMS environment variable.
import json
import os

import gdb


def emit(kind, **fields):
    fields["kind"] = kind
    print("ORACLE " + json.dumps(fields), flush=True)


KINDS = {gdb.NORMAL_FRAME: "normal", gdb.INLINE_FRAME: "inline", gdb.SIGTRAMP_FRAME: "trap"}

for setting in ["pagination off", "confirm off", "width 0", "height 0", "print pretty off",
                "print entry-values no", "backtrace past-main on", "backtrace limit 24"]:
    gdb.execute("set " + setting)

with open(os.environ["ORACLE_PARAMS"]) as f:
    params = json.load(f)

for name in params["functions"]:
    try:
        b = gdb.Breakpoint(name)
        addresses = [loc.address for loc in b.locations]
        b.delete()
        emit("break", name=name, addresses=addresses)
    except Exception as e:  # no such function: no locations
        emit("break", name=name, addresses=[], error=str(e))

for index, stop in enumerate(params["stops"]):
    b = gdb.Breakpoint(stop["at"])
    if stop["hit"] > 1:
        b.ignore_count = stop["hit"] - 1
    try:
        gdb.execute("continue", to_string=True)
        frame = gdb.newest_frame()
        if b.hit_count < stop["hit"]:
            raise gdb.error("not reached (hit %d times)" % b.hit_count)
    except gdb.error as e:
        emit("stop", index=index, error=str(e))
        b.delete()
        continue
    bt = gdb.execute("bt", to_string=True)
    frames = []
    depth = 0
    while frame is not None and depth < 24:
        sal = frame.find_sal()
        kind = KINDS.get(frame.type(), str(frame.type()))
        answer = {"pc": frame.pc(), "name": frame.name(), "kind": kind,
                  "file": sal.symtab.filename if sal.symtab else None, "line": sal.line}
        if depth < 2 and kind != "trap":
            frame.select()
            answer["args"] = gdb.execute("info args", to_string=True)
            answer["locals"] = gdb.execute("info locals", to_string=True)
        frames.append(answer)
        try:
            frame = frame.older()
        except gdb.error:
            break
        depth += 1
    gdb.newest_frame().select()
    prints = {}
    for expression in stop["print"]:
        try:
            prints[expression] = gdb.execute("print " + expression, to_string=True)
        except gdb.error as e:
            prints[expression] = "error: " + str(e)
    emit("stop", index=index, frames=frames, bt=bt, prints=prints)
    b.delete()

emit("done")
