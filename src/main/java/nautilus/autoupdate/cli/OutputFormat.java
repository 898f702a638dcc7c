package nautilus.autoupdate.cli;

/** Output formats of the detect and status commands. */
enum OutputFormat {
  text,
  json
}
