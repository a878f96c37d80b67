package dev.s3notifications.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.s3notifications.authorization.BucketPolicy;
import dev.s3notifications.authorization.Caller;
import dev.s3notifications.authorization.MalformedPolicyException;
import dev.s3notifications.authorization.PolicyPrincipals;
import dev.s3notifications.authorization.PolicyStatement;
import dev.s3notifications.authorization.Wildcard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bucket policy documents: reading a {@code PutBucketPolicy} body with S3's {@code MalformedPolicy} messages, and the
 * form S3 stores and returns: the document as sent, without insignificant white space, and with every account id
 * principal written as its root ARN ({@code "123456789012"} becomes {@code "arn:aws:iam::123456789012:root"}).
 * The subset of the policy language read: {@code Version}, {@code Id}, {@code Statement} with {@code Sid},
 * {@code Effect}, {@code Principal}/{@code NotPrincipal}, {@code Action}/{@code NotAction},
 * {@code Resource}/{@code NotResource} and {@code Condition} (kept, not evaluated).
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html">Policy grammar</a>
 */
public final class BucketPolicyJson {
    /** S3's limit on a bucket policy. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html */
    public static final int MAX_BYTES = 20 * 1024;

    /** Strict JSON: duplicate names and trailing content are errors; a policy is never deeply nested. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "CanonicalUser", "Federated");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern IAM_ARN = Pattern.compile(
            "arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|user/.+|role/.+)|sts::[0-9]{12}:assumed-role/.+)");
    private static final Pattern ACTION = Pattern.compile("\\*|(?i:s3):[A-Za-z0-9*?]+");
    private static final Pattern S3_RESOURCE = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):s3:::([^/]+)(/.*)?");

    private BucketPolicyJson() {
    }

    /** A validated policy and the text to store for it. */
    public record Document(BucketPolicy policy, String storedText) {
    }

    /**
     * Reads a {@code PutBucketPolicy} body for {@code bucketName}.
     *
     * @throws MalformedPolicyException with S3's message when S3 would refuse the document
     */
    public static Document read(byte[] body, String bucketName) {
        if (body.length > MAX_BYTES) {
            throw new MalformedPolicyException("Policy exceeds the maximum allowed document size.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            throw new MalformedPolicyException("Policies must be valid JSON and the first byte must be '{'");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        ObjectNode document = (ObjectNode) root;
        checkElements(document, DOCUMENT_ELEMENTS);
        JsonNode version = document.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        JsonNode id = document.get("Id");
        if (id != null && !id.isTextual()) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonNode> statementNodes = list(statements);
        if (statementNodes.isEmpty()) {
            throw new MalformedPolicyException("Could not parse the policy: Statement is empty!");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        for (JsonNode statement : statementNodes) {
            if (!statement.isObject()) {
                throw new MalformedPolicyException("This policy contains invalid Json");
            }
            parsed.add(statement((ObjectNode) statement, bucketName));
        }
        return new Document(new BucketPolicy(parsed), document.toString());
    }

    /** Reads a policy this class stored; it was valid when stored, and is read again as it was then. */
    public static BucketPolicy readStored(String storedText, String bucketName) {
        return read(storedText.getBytes(StandardCharsets.UTF_8), bucketName).policy();
    }

    private static PolicyStatement statement(ObjectNode statement, String bucketName) {
        checkElements(statement, STATEMENT_ELEMENTS);
        JsonNode sid = statement.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null) {
            throw new MalformedPolicyException("Missing required field Effect");
        }
        PolicyStatement.Effect parsedEffect = switch (effect.asText()) {
            case "Allow" -> PolicyStatement.Effect.ALLOW;
            case "Deny" -> PolicyStatement.Effect.DENY;
            default -> throw new MalformedPolicyException("Invalid effect: " + effect.asText());
        };
        String principalElement = oneOf(statement, "Principal", "NotPrincipal");
        String actionElement = oneOf(statement, "Action", "NotAction");
        String resourceElement = oneOf(statement, "Resource", "NotResource");
        PolicyPrincipals principals = principals(statement, principalElement);

        List<String> actions = strings(statement.get(actionElement));
        if (actions.isEmpty() || !actions.stream().allMatch(a -> ACTION.matcher(a).matches())) {
            throw new MalformedPolicyException("Policy has invalid action");
        }
        List<String> resources = strings(statement.get(resourceElement));
        if (resources.isEmpty() || !resources.stream().allMatch(r -> isResourceOf(r, bucketName))) {
            throw new MalformedPolicyException("Policy has invalid resource");
        }
        JsonNode condition = statement.get("Condition");
        if (condition != null && !condition.isObject()) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        return new PolicyStatement(sid == null ? null : sid.asText(), parsedEffect, principals,
                principalElement.startsWith("Not"), actions, actionElement.startsWith("Not"),
                resources, resourceElement.startsWith("Not"), condition != null && !condition.isEmpty());
    }

    /** The one of the two elements the statement has, e.g. {@code Action} or {@code NotAction}. */
    private static String oneOf(ObjectNode statement, String element, String negated) {
        boolean has = statement.has(element);
        if (has && statement.has(negated)) {
            throw new MalformedPolicyException("Statement cannot have both " + element + " and " + negated);
        }
        if (!has && !statement.has(negated)) {
            throw new MalformedPolicyException("Missing required field " + element);
        }
        return has ? element : negated;
    }

    /** Reads the principal element and rewrites its account ids as root ARNs, as S3 stores them. */
    private static PolicyPrincipals principals(ObjectNode statement, String element) {
        JsonNode principal = statement.get(element);
        if (principal.isTextual()) {
            if (!principal.asText().equals("*")) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            return new PolicyPrincipals(true, Set.of(), Set.of());
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        boolean everyone = false;
        Set<String> accounts = new HashSet<>();
        Set<String> arns = new HashSet<>();
        ObjectNode byType = (ObjectNode) principal;
        for (Map.Entry<String, JsonNode> entry : byType.properties()) {
            if (!PRINCIPAL_TYPES.contains(entry.getKey())) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            List<String> names = strings(entry.getValue());
            if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            if (!entry.getKey().equals("AWS")) {
                continue;
            }
            List<String> stored = new ArrayList<>();
            for (String name : names) {
                if (name.equals("*")) {
                    everyone = true;
                    stored.add(name);
                } else if (ACCOUNT_ID.matcher(name).matches()) {
                    accounts.add(name);
                    stored.add(Caller.rootArn(name));
                } else if (IAM_ARN.matcher(name).matches()) {
                    String[] parts = name.split(":", 6);
                    if (parts[5].equals("root")) {
                        accounts.add(parts[4]);
                    } else {
                        arns.add(name);
                    }
                    stored.add(name);
                } else {
                    throw new MalformedPolicyException("Invalid principal in policy");
                }
            }
            if (entry.getValue().isTextual()) {
                entry.setValue(TextNode.valueOf(stored.get(0)));
            } else {
                ArrayNode list = byType.arrayNode();
                stored.forEach(list::add);
                entry.setValue(list);
            }
        }
        return new PolicyPrincipals(everyone, accounts, arns);
    }

    /**
     * A resource of this bucket: the bucket's ARN or its objects', wildcards allowed, as long as the bucket part
     * can name this bucket. S3 refuses a policy naming another bucket.
     */
    private static boolean isResourceOf(String resource, String bucketName) {
        if (resource.equals("*")) {
            return true;
        }
        var matcher = S3_RESOURCE.matcher(resource);
        return matcher.matches() && Wildcard.matches(matcher.group(2), bucketName, false);
    }

    /** A string or a list of strings, as the policy grammar allows for these elements. */
    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new MalformedPolicyException("This policy contains invalid Json");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        return values;
    }

    private static void checkElements(ObjectNode node, Set<String> known) {
        for (Map.Entry<String, JsonNode> element : node.properties()) {
            String name = element.getKey();
            if (!known.contains(name)) {
                throw new MalformedPolicyException("Unknown field " + name);
            }
        }
    }
}
