package nautilus.autoupdate.verify;

import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.UserError;

/**
 * Splits a configured command ({@code uv run pytest -x "tests/a b"}) into arguments the way a POSIX
 * shell would for plain words and quotes, without running a shell.
 */
public final class CommandLines {
  private CommandLines() {}

  public static List<String> split(String command) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char ch = command.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote == '"' && i + 1 < command.length()) {
          cur.append(command.charAt(++i));
        } else {
          cur.append(ch);
        }
      } else if (ch == '\\' && i + 1 < command.length()) {
        cur.append(command.charAt(++i));
        inWord = true;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          args.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(ch);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UserError("command '" + command + "': unterminated " + quote + " quote");
    }
    if (inWord) {
      args.add(cur.toString());
    }
    if (args.isEmpty()) {
      throw new UserError("empty command (expected e.g. 'uv run pytest')");
    }
    return args;
  }
}
