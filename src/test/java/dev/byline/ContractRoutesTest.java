package dev.byline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The application's routes and the operations documented in openapi.yaml must be the same set. */
@QuarkusTest
class ContractRoutesTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
        assertEquals(documentedOperations(), implementedRoutes(),
                "openapi.yaml and the JAX-RS resources disagree (left: documented, right: implemented)");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of("openapi.yaml")));
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + normalise(path))));
        return operations;
    }

    private static Set<String> implementedRoutes() throws Exception {
        Set<String> routes = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ContractRoutesTest.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        routes.add(verb + " " + normalise(root.value() + (sub == null ? "" : "/" + sub.value())));
                    }
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** Path parameters are compared by position, not name: {@code /a/{id}} equals {@code /a/{idOrSlug}}. */
    private static String normalise(String path) {
        return ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]+}", "{}").replaceAll("(.)/$", "$1");
    }
}
