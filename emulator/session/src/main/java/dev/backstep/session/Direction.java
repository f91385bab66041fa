package dev.backstep.session;

/** Which way in time an execution request moved. */
public enum Direction { FORWARD, BACKWARD }
