package dev.byline.security;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A key to create: whose it is, which roles it carries, and optionally when it expires. */
public record KeyInput(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "^(editor|moderator|partner|admin)$",
                message = "must be one of: editor, moderator, partner, admin") String> roles,
        @Future Instant expiresAt) {
}
