package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something a person must do that no code edit covers, e.g. "rename order_book_delta/ to
 * order_book_deltas/"; {@code change} indexes the breaking change that asks for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(String text, Integer change) {}
