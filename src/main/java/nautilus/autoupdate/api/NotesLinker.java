package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.release.NoteItem;

/**
 * Finds the release note that covers each diff finding, by the identifiers the note names: a moved
 * or removed module is covered by a note naming it, a dotted tail of it ({@code backtest.exchange})
 * or a parent package ({@code nautilus_trader.indicators}); a member change by a note naming the
 * member; a parameter change by a note naming the parameter together with its method or class. What
 * no note covers stays {@code documented == false}: a break the release notes left out.
 */
public final class NotesLinker {
  private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)+");

  private NotesLinker() {}

  public static List<ApiChange> link(List<ApiChange> changes, List<NoteItem> notes) {
    List<ApiChange> out = new ArrayList<>();
    for (ApiChange c : changes) {
      int found = -1;
      for (int i = 0; i < notes.size() && found < 0; i++) {
        if (covers(notes.get(i).text(), c)) {
          found = i;
        }
      }
      out.add(found >= 0 ? c.documentedBy(found) : c);
    }
    return out;
  }

  static boolean covers(String note, ApiChange c) {
    String old = c.change().old().isEmpty() ? "" : c.change().old().get(0);
    switch (c.type()) {
      case MODULE_REMOVED:
        return mentionsModule(note, old);
      case NAME_MOVED:
      case NAME_REMOVED:
        {
          String module = old.substring(0, Math.max(0, old.lastIndexOf('.')));
          return mentionsModule(note, module) || word(note, leaf(old));
        }
      case PARAMETER_REMOVED:
      case PARAMETER_RENAMED:
      case PARAMETER_REQUIRED:
      case DEFAULT_CHANGED:
        {
          String param = c.parameter().orElse(null);
          String[] owner = old.split("\\.");
          boolean namesOwner = false;
          for (String part : owner) {
            namesOwner |= word(note, part);
          }
          return param != null && word(note, param) && namesOwner;
        }
      default:
        return word(note, leaf(old));
    }
  }

  private static String leaf(String dotted) {
    return dotted.substring(dotted.lastIndexOf('.') + 1);
  }

  private static boolean word(String text, String w) {
    return !w.isEmpty()
        && Pattern.compile("(?<!\\w)" + Pattern.quote(w) + "(?!\\w)").matcher(text).find();
  }

  private static boolean mentionsModule(String note, String module) {
    Matcher m = DOTTED.matcher(note);
    while (m.find()) {
      String t = m.group();
      if (t.split("\\.").length < 2) {
        continue;
      }
      if (module.equals(t) || module.endsWith("." + t) || module.startsWith(t + ".")) {
        return true;
      }
    }
    return false;
  }
}
