package nautilus.autoupdate.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;

/**
 * The resolved uses of the last scan, under a key made of every file's path, size and mtime and the
 * words looked for: a re-run on an unchanged tree answers from here without reading a file. A memo
 * that cannot be read is ignored, since it only ever saves time.
 */
final class UsesMemo {
  private record Stored(int format, String key, List<FileUses> files, List<UnreadFile> unread) {}

  /** The memo's uses, and the files the scan that wrote it could not read in full. */
  record Memo(List<FileUses> files, List<UnreadFile> unread) {
    Memo {
      unread = unread == null ? List.of() : unread;
    }
  }

  private UsesMemo() {}

  static Path file(Path cacheDir, String packageName) {
    return cacheDir.resolve("uses-" + packageName + ".json");
  }

  /** The memo's files when it was written under {@code key}, else null. */
  static Memo read(Path cacheDir, String packageName, String key) {
    try (InputStream in = Files.newInputStream(file(cacheDir, packageName))) {
      Stored s = Json.mapper().readValue(in, Stored.class);
      return s.format() == FactsCache.FORMAT && key.equals(s.key())
          ? new Memo(s.files(), s.unread())
          : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: scan again and overwrite it
    }
  }

  static void write(
      Path cacheDir,
      String packageName,
      String key,
      List<FileUses> files,
      List<UnreadFile> unread) {
    AtomicFiles.write(
        file(cacheDir, packageName),
        Json.compactBytes(new Stored(FactsCache.FORMAT, key, files, unread)));
  }
}
