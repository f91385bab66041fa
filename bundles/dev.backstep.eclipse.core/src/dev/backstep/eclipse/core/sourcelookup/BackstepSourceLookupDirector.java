package dev.backstep.eclipse.core.sourcelookup;

import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.ISourceLookupParticipant;

/** Finds the source of Backstep frames: by DWARF path first, then by name in the configured containers. */
public final class BackstepSourceLookupDirector extends AbstractSourceLookupDirector {

    @Override
    public void initializeParticipants() {
        addParticipants(new ISourceLookupParticipant[] { new BackstepSourceLookupParticipant() });
    }
}
