package dev.securechat.server.store;

/**
 * Where an account stands, as a node checks it for each of its sessions: the current session number
 * ({@code users.session_no}) and the last queue number assigned ({@code queue_state.last_qseq}).
 */
public record QueueHead(long sessionNo, long lastQseq) {}
