package nautilus.autoupdate.code;

/** A keyword argument passed at a call site, located at its name. */
public record Kwarg(String name, Location at) {}
