package nautilus.autoupdate.code;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A keyword argument passed at a call site, located at its name. {@code type} is the class the
 * value is an instance of, when the code says so (a call of a class, {@code
 * instrument_config=InstrumentProviderConfig(...)}, or a name annotated or assigned from one): in a
 * use, its upstream dotted path; in a file's facts, before names are resolved across files, the
 * chain as written in the module ({@code config.InstrumentProviderConfig}). Null when not known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Kwarg(String name, Location at, String type) {
  public Kwarg(String name, Location at) {
    this(name, at, null);
  }
}
