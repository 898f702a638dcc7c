package nautilus.autoupdate.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.AtomicFiles;

/**
 * The resolved uses of the last scan, under a key made of every file's path, size and mtime and the
 * words looked for: a re-run on an unchanged tree answers from here without reading a file. A memo
 * that cannot be read is ignored, since it only ever saves time.
 *
 * <p>Written in a compact binary form, not JSON: a re-run reads every use of the tree from it (for
 * a tree that imports the package everywhere, hundreds of thousands), and Jackson took most of the
 * re-run's time on them. Each distinct string is written once and referred to by number after.
 */
final class UsesMemo {
  /** Changes with the layout below; {@link FactsCache#FORMAT} covers what the uses mean. */
  private static final int LAYOUT = 1;

  private static final byte[] MAGIC = "NAUSES".getBytes(StandardCharsets.US_ASCII);
  private static final UseKind[] KINDS = UseKind.values();

  /** The memo's uses, and the files the scan that wrote it could not read in full. */
  record Memo(List<FileUses> files, List<UnreadFile> unread) {
    Memo {
      unread = unread == null ? List.of() : unread;
    }
  }

  private UsesMemo() {}

  static Path file(Path cacheDir, String packageName) {
    return cacheDir.resolve("uses-" + packageName + ".bin");
  }

  /** The memo's files when it was written under {@code key}, else null. */
  static Memo read(Path cacheDir, String packageName, String key) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file(cacheDir, packageName));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // unreadable: scan again and overwrite it
    }
    try {
      return decode(bytes, key);
    } catch (RuntimeException e) {
      return null; // cut short or damaged: scan again and overwrite it
    }
  }

  static void write(
      Path cacheDir,
      String packageName,
      String key,
      List<FileUses> files,
      List<UnreadFile> unread) {
    AtomicFiles.write(file(cacheDir, packageName), encode(key, files, unread));
    try {
      // The JSON memo of earlier versions would only take space.
      Files.deleteIfExists(cacheDir.resolve("uses-" + packageName + ".json"));
    } catch (IOException e) {
      // harmless: it is never read
    }
  }

  static byte[] encode(String key, List<FileUses> files, List<UnreadFile> unread) {
    Out out = new Out();
    out.raw(MAGIC);
    out.varint(LAYOUT);
    out.varint(FactsCache.FORMAT);
    out.string(key);
    out.varint(files.size());
    for (FileUses f : files) {
      out.string(f.path());
      out.bool(f.parseErrors());
      out.varint(f.uses().size());
      for (Use u : f.uses()) {
        out.varint(u.kind().ordinal());
        out.string(u.target());
        out.bool(u.resolved());
        out.location(u.at());
        out.varint(u.kwargs().size());
        for (Kwarg k : u.kwargs()) {
          out.string(k.name());
          out.location(k.at());
          out.string(k.type());
        }
        out.varint(u.positionalArgs() + 1L); // -1 (count unknown) is the least value
        out.string(u.module());
        out.string(u.name());
        out.string(u.alias());
        out.bool(u.args() != null);
        if (u.args() != null) {
          out.varint(u.args().start());
          out.varint(u.args().end());
        }
      }
    }
    out.varint(unread.size());
    for (UnreadFile r : unread) {
      out.string(r.path());
      out.string(r.reason());
      out.bool(r.mayUsePackage());
    }
    out.raw(MAGIC); // the end: a memo cut short is never taken for a whole one
    return out.bytes();
  }

  /** The memo in {@code bytes} if written under {@code key}, else null; throws when damaged. */
  static Memo decode(byte[] bytes, String key) {
    In in = new In(bytes);
    if (!in.raw(MAGIC) || in.varint() != LAYOUT || in.varint() != FactsCache.FORMAT) {
      return null;
    }
    if (!key.equals(in.string())) {
      return null;
    }
    int fileCount = in.count();
    List<FileUses> files = new ArrayList<>(fileCount);
    for (int i = 0; i < fileCount; i++) {
      String path = in.string();
      boolean parseErrors = in.bool();
      int useCount = in.count();
      List<Use> uses = new ArrayList<>(useCount);
      for (int j = 0; j < useCount; j++) {
        UseKind kind = KINDS[in.intValue()];
        String target = in.string();
        boolean resolved = in.bool();
        Location at = in.location();
        int kwargCount = in.count();
        List<Kwarg> kwargs = new ArrayList<>(kwargCount);
        for (int k = 0; k < kwargCount; k++) {
          kwargs.add(new Kwarg(in.string(), in.location(), in.string()));
        }
        int positional = Math.toIntExact(in.varint() - 1);
        String module = in.string();
        String name = in.string();
        String alias = in.string();
        Span args = in.bool() ? new Span(in.intValue(), in.intValue()) : null;
        uses.add(
            new Use(kind, target, resolved, at, kwargs, positional, module, name, alias, args));
      }
      files.add(new FileUses(path, uses, parseErrors));
    }
    int unreadCount = in.count();
    List<UnreadFile> unread = new ArrayList<>(unreadCount);
    for (int i = 0; i < unreadCount; i++) {
      unread.add(new UnreadFile(in.string(), in.string(), in.bool()));
    }
    if (!in.raw(MAGIC) || !in.atEnd()) {
      throw new IllegalStateException("uses memo: bad end");
    }
    return new Memo(files, unread);
  }

  /** Unsigned LEB128 numbers; strings as 0 (null), n + 1 (the n-th string again) or new. */
  private static final class Out {
    private byte[] buf = new byte[1 << 16];
    private int size;
    private final Map<String, Integer> seen = new HashMap<>();

    void raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    void bool(boolean b) {
      ensure(1);
      buf[size++] = (byte) (b ? 1 : 0);
    }

    void varint(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative: " + v);
      }
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    /** A string: 0 for null, the number of one written before plus 1, or a new one. */
    void string(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      Integer n = seen.get(s);
      if (n != null) {
        varint(n + 1L);
        return;
      }
      int next = seen.size();
      seen.put(s, next);
      varint(next + 1L); // one more than any seen: a new string, its bytes follow
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      raw(b);
    }

    void location(Location at) {
      varint(at.startByte());
      varint(at.endByte());
      varint(at.line());
      varint(at.column());
      varint(at.cell() == null ? 0 : at.cell() + 1L);
      string(at.lineText());
    }

    private void ensure(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }

  private static final class In {
    private final byte[] buf;
    private int pos;
    private final List<String> strings = new ArrayList<>();

    In(byte[] buf) {
      this.buf = buf;
    }

    boolean raw(byte[] b) {
      if (pos + b.length > buf.length || !Arrays.equals(buf, pos, pos + b.length, b, 0, b.length)) {
        return false;
      }
      pos += b.length;
      return true;
    }

    boolean bool() {
      byte b = buf[pos++];
      if (b != 0 && b != 1) {
        throw new IllegalStateException("uses memo: bad boolean");
      }
      return b == 1;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalStateException("uses memo: bad number");
    }

    int intValue() {
      return Math.toIntExact(varint());
    }

    /** A count of items that follow: each takes at least a byte, so none exceeds what is left. */
    int count() {
      int n = intValue();
      if (n > buf.length - pos) {
        throw new IllegalStateException("uses memo: bad count");
      }
      return n;
    }

    String string() {
      int n = intValue();
      if (n == 0) {
        return null;
      }
      if (n <= strings.size()) {
        return strings.get(n - 1);
      }
      if (n != strings.size() + 1) {
        throw new IllegalStateException("uses memo: bad string number");
      }
      int len = count();
      String s = new String(buf, pos, len, StandardCharsets.UTF_8);
      pos += len;
      strings.add(s);
      return s;
    }

    Location location() {
      int start = intValue();
      int end = intValue();
      int line = intValue();
      int column = intValue();
      int cell = intValue();
      return new Location(start, end, line, column, cell == 0 ? null : cell - 1, string());
    }

    boolean atEnd() {
      return pos == buf.length;
    }
  }
}
