/** Command ids as declared in package.json `contributes.commands`. */
export const CommandId = {
    seek: 'backstep.seek',
    seekTo: 'backstep.seekTo',
    reverseStepOut: 'backstep.reverseStepOut',
    showInfo: 'backstep.showInfo',
    saveRecording: 'backstep.saveRecording',
    sendInput: 'backstep.sendInput',
    reverseRunToCursor: 'backstep.reverseRunToCursor',
} as const;

export const TIMELINE_VIEW_ID = 'backstep.timeline';
