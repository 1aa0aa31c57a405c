package dev.byline.security;

import dev.byline.Roles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.byline.support.Keys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Every protected operation, as the contract lists them (x-byline-roles), refuses a call without a key (401) and a
 * call with a key that lacks the role (403). A new operation added to openapi.yaml is covered without editing this.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final Set<String> METHODS = Set.of("get", "post", "patch", "put", "delete");
    private static final List<String> ALL_ROLES = List.of(Roles.EDITOR, Roles.MODERATOR, Roles.PARTNER, Roles.ADMIN);

    private static String partnerKey;
    private static String editorKey;

    @BeforeAll
    static void keys() {
        partnerKey = Keys.issue(Roles.PARTNER);
        editorKey = Keys.issue(Roles.EDITOR, Roles.MODERATOR);
    }

    record Operation(String method, String path, List<String> roles) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> protectedOperationsRefuseMissingKeys() throws IOException {
        List<Operation> operations = protectedOperations();
        assertFalse(operations.isEmpty(), "the contract lists no protected operations");
        return operations.stream().map(op -> DynamicTest.dynamicTest(op.method() + " " + op.path() + " without a key",
                () -> request(op, given())
                        .then().statusCode(401)
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .contentType("application/problem+json")
                        .body("status", equalTo(401))));
    }

    @TestFactory
    Stream<DynamicTest> protectedOperationsRefuseKeysWithoutTheRole() throws IOException {
        return protectedOperations().stream().map(op -> {
            // Pick a key that holds none of the roles the operation accepts.
            String key = op.roles().contains(Roles.PARTNER) ? editorKey
                    : op.roles().contains(Roles.EDITOR) || op.roles().contains(Roles.MODERATOR) ? partnerKey : editorKey;
            return DynamicTest.dynamicTest(op.method() + " " + op.path() + " with a key lacking " + op.roles(),
                    () -> request(op, given().header("Authorization", "Bearer " + key))
                            .then().statusCode(403)
                            .contentType("application/problem+json")
                            .body("status", equalTo(403)));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesAnUnknownKey() throws IOException {
        return allOperations().stream().map(op -> DynamicTest.dynamicTest(op.method() + " " + op.path() + " with a bad key",
                () -> request(op, given().header("X-API-Key", "byl_AAAAAAAA_" + "B".repeat(32)))
                        .then().statusCode(401)
                        .header("WWW-Authenticate", startsWith("Bearer"))));
    }

    private static io.restassured.response.Response request(Operation op, RequestSpecification spec) {
        if (!op.method().equals("get") && !op.method().equals("delete")) {
            spec = spec.contentType(op.method().equals("patch") ? "application/merge-patch+json" : "application/json")
                    .body("{}");
        }
        return spec.when().request(op.method().toUpperCase(), op.concretePath());
    }

    private static List<Operation> protectedOperations() throws IOException {
        return allOperations().stream().filter(op -> !op.roles().isEmpty()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> allOperations() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of("openapi.yaml")));
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (METHODS.contains(method)) {
                List<String> roles = (List<String>) ((Map<String, Object>) value).getOrDefault("x-byline-roles", List.of());
                if (!ALL_ROLES.containsAll(roles)) {
                    throw new IllegalStateException(method + " " + path + " names an unknown role: " + roles);
                }
                operations.add(new Operation(method, path, roles));
            }
        }));
        return operations;
    }
}
