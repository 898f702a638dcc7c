package nautilus.autoupdate.cycle;

/** Where a command's step lines go (the cli's progress printer); closed when the command ends. */
public interface StepLog extends AutoCloseable {
  void line(String text);

  @Override
  void close();
}
