package nautilus.autoupdate.state;

import java.time.Instant;

/** The validators and last good body of one URL, so the next request can be conditional. */
public record CachedResponse(
    String url, String etag, String lastModified, String body, Instant fetchedAt) {}
