package nautilus.autoupdate.code;

import java.util.List;

/** The facts of one file: one unit for a module or config, the code cells for a notebook. */
record FileFacts(boolean python, List<ModuleFacts> units) {}
