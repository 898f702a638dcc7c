package nautilus.autoupdate.notify;

/** One channel (Discord, e-mail): delivers a message or says in one line why it could not. */
public interface Notifier {
  /** The channel's name in state rows and output: {@code discord} or {@code email}. */
  String channel();

  /**
   * Delivers the message.
   *
   * @throws NotifyException with a one-line reason that holds no secret
   */
  void send(Message message);
}
