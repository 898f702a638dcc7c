package nautilus.autoupdate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration: snake_case keys, ISO dates, stable pretty output, and reads that
 * stop at {@link Nesting#max()} levels.
 */
public final class Json {
  private static volatile ObjectMapper mapper = build(Nesting.DEFAULT);

  private Json() {}

  public static ObjectMapper mapper() {
    ObjectMapper m = mapper;
    if (m.getFactory().streamReadConstraints().getMaxNestingDepth() != Nesting.max()) {
      m = build(Nesting.max());
      mapper = m;
    }
    return m;
  }

  private static ObjectMapper build(int maxNestingDepth) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
            .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  /** {@code value} as JSON without indentation: for caches only the tool reads back. */
  public static byte[] compactBytes(Object value) {
    try {
      return mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
