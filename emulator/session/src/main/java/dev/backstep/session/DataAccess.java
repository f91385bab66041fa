package dev.backstep.session;

/** What a data breakpoint watches (DAP's accessType: write, read, readWrite). */
public enum DataAccess { WRITE, READ, READ_WRITE }
