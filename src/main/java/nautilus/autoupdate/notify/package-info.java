/**
 * Notifications: tells people what the tool did and what it needs from them, on Discord (a webhook)
 * and by e-mail (SMTP), each event once.
 *
 * <p>The API for the other stages is small:
 *
 * <pre>{@code
 * Notifications n = Notifications.from(config, env, stateDb, clock, warn::accept);
 * n.flushDigest();                                        // once per run, early: digest mode
 * n.send(Event.agentDone(version, summary, prUrl, now));  // AGENT_DONE
 * n.send(Event.agentFailed(version, runId, why, now));    // AGENT_FAILED
 * n.send(Event.merged(version, prUrl, now));              // MERGED
 * }</pre>
 *
 * <p>{@link nautilus.autoupdate.notify.Event} has one factory per {@link
 * nautilus.autoupdate.notify.EventType}; the factory builds the event's key, so two callers (or two
 * runs) that report the same thing make the same key and it goes out once. {@code send} never
 * throws for a channel's failure: it returns a {@link
 * nautilus.autoupdate.notify.Notifications.Delivery}, logs one line, records the failure and leaves
 * the event for the next run. {@link nautilus.autoupdate.notify.Notifications#off()} is the
 * do-nothing instance for dry runs.
 *
 * <p>Rules every caller can rely on: {@code notify_on} filters by {@link
 * nautilus.autoupdate.notify.EventType#id()}; failures ({@link
 * nautilus.autoupdate.notify.EventType#failure()}) try e-mail first when it is configured, the rest
 * Discord first, and either falls back to the other; texts may hold upstream words (each channel
 * escapes them) but are scrubbed of the process's secrets ({@link
 * nautilus.autoupdate.notify.Secrets}) before they are sent, logged or stored. See {@code
 * docs/notifications.md}.
 */
package nautilus.autoupdate.notify;
