package dev.byline;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Links to the newsroom's public web site, where readers read what the API serves: its home page and each article's
 * page ({@code BYLINE_SITE_BASE_URL}, {@code BYLINE_SITE_ARTICLE_URL}). Empty when the operator set none: feeds then
 * link to the API itself, and the JSON's {@code webUrl} is null. Checked at start-up, so a malformed setting stops
 * the service instead of every feed.
 */
@Startup
@ApplicationScoped
public class SiteLinks {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Optional<URI> home;
    private final Optional<String> articleTemplate;

    @Inject
    public SiteLinks(BylineConfig config) {
        this(config.site().baseUrl(), config.site().articleUrl());
    }

    /** Links from the two settings; throws IllegalArgumentException, naming the setting, when one is malformed. */
    public SiteLinks(Optional<String> baseUrl, Optional<String> articleUrl) {
        this.home = baseUrl.filter(s -> !s.isBlank()).map(String::trim)
                .map(url -> parse(url, "BYLINE_SITE_BASE_URL"));
        this.articleTemplate = articleUrl.filter(s -> !s.isBlank()).map(String::trim);
        articleTemplate.ifPresent(template -> {
            if (!template.contains("{slug}") && !template.contains("{id}")) {
                throw new IllegalArgumentException(
                        "BYLINE_SITE_ARTICLE_URL must contain {slug} or {id}, e.g. https://news.example/{section}/{slug}");
            }
            parse(expand(template, UUID.randomUUID(), "a-slug", "a-section"), "BYLINE_SITE_ARTICLE_URL");
            parse(expand(template, UUID.randomUUID(), "a-slug", null), "BYLINE_SITE_ARTICLE_URL");
        });
    }

    /** The site's home page, if the operator configured one. */
    public Optional<URI> home() {
        return home;
    }

    /**
     * The page that shows an article on the site, if the operator configured a template: {@code {id}}, {@code {slug}}
     * and {@code {section}} are filled in (percent-encoded as path segments); without a section, {@code {section}}
     * and the slash next to it are dropped.
     */
    public Optional<URI> article(UUID id, String slug, String section) {
        return articleTemplate.map(template -> URI.create(expand(template, id, slug, section)));
    }

    private static String expand(String template, UUID id, String slug, String section) {
        String expanded = section != null ? template.replace("{section}", segment(section))
                : template.replace("/{section}/", "/").replace("{section}/", "").replace("/{section}", "")
                        .replace("{section}", "");
        return expanded.replace("{slug}", segment(slug)).replace("{id}", id.toString());
    }

    /**
     * A value as one path segment, percent-encoded (UTF-8) outside RFC 3986's unreserved characters. Slugs and
     * sections are validated to lowercase letters, digits and hyphens on input, so this changes nothing today; it
     * keeps a row written before (or around) that rule from breaking every read that links to it.
     */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static URI parse(String url, String setting) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(setting + " must be an absolute http or https URL, not '" + url + "'");
    }
}
