package dev.byline.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The address policy of webhook targets with private targets not allowed, as in production. Only IP literals and
 * names the machine resolves itself are used, and nothing is connected to.
 */
class WebhookTargetsTest {

    private static final WebhookTargets PRODUCTION = new WebhookTargets(false, List.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/hook", "http://127.1.2.3:8080/hook", "http://localhost/hook", "http://[::1]/hook",
            "http://0.0.0.0/hook", "http://0.1.2.3/hook", "http://[::]/hook",
            "http://10.0.0.1/hook", "http://172.16.0.1/hook", "http://172.31.255.255/hook", "http://192.168.1.1/hook",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook", "http://192.0.0.8/hook",
            "http://198.18.0.1/hook", "http://224.0.0.1/hook", "http://255.255.255.255/hook", "http://240.0.0.1/hook",
            "http://[fc00::1]/hook", "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook", "http://[fec0::1]/hook",
            "http://[ff02::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:a9fe:a9fe]/hook",
            "http://[::10.0.0.1]/hook", "http://[64:ff9b::a00:1]/hook", "http://[2002:7f00:1::]/hook",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", "http://2130706433/hook"})
    void refusesAddressesThatAreNotPublic(String url) {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class, () -> PRODUCTION.check(URI.create(url)));
        assertTrue(refused.getMessage().contains("not a public address")
                || refused.getMessage().contains("does not resolve"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "http://8.8.8.8:8443/a?b=c", "https://[2606:4700:4700::1111]/hook",
            "http://[2002:5db8:d70e::]/hook", "http://172.32.0.1/", "http://100.128.0.1/", "http://192.0.1.1/"})
    void acceptsPublicAddresses(String url) {
        assertDoesNotThrow(() -> PRODUCTION.check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.215.14/hook", "file:///etc/passwd", "https://user:secret@93.184.215.14/hook",
            "https://93.184.215.14/hook#part", "mailto:desk@example.org", "/relative/hook"})
    void refusesOtherShapesOfURL(String url) {
        assertThrows(WebhookTargets.Refused.class, () -> PRODUCTION.check(URI.create(url)));
    }

    @Test
    void anOperatorMayAllowRangesHostsOrEverything() {
        WebhookTargets listed = new WebhookTargets(false, List.of("10.1.0.0/16", " hooks.partner.internal ", "::1"));
        assertDoesNotThrow(() -> listed.check(URI.create("http://10.1.2.3/hook")));
        assertDoesNotThrow(() -> listed.check(URI.create("http://[::1]:9000/hook")));
        // A listed name is trusted as it is, without being resolved.
        assertDoesNotThrow(() -> listed.check(URI.create("https://HOOKS.partner.internal/hook")));
        assertThrows(WebhookTargets.Refused.class, () -> listed.check(URI.create("http://10.2.0.1/hook")));
        assertThrows(WebhookTargets.Refused.class, () -> listed.check(URI.create("http://127.0.0.1/hook")));

        WebhookTargets everything = new WebhookTargets(true, List.of());
        assertDoesNotThrow(() -> everything.check(URI.create("http://127.0.0.1:8080/hook")));
        assertThrows(WebhookTargets.Refused.class, () -> everything.check(URI.create("ftp://127.0.0.1/hook")));
    }
}
