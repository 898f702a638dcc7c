package nautilus.autoupdate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A UTC clock that reads the time from the test ({@code TestClock.of(() -> now)}), set at will. */
public final class TestClock extends Clock {
  private final Supplier<Instant> now;

  private TestClock(Supplier<Instant> now) {
    this.now = now;
  }

  public static Clock of(Supplier<Instant> now) {
    return new TestClock(now);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
