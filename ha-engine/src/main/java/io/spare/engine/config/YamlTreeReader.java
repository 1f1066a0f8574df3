package io.spare.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a Jackson tree while recording where each key and value sits. Duplicate keys
 * and aliases are refused (YAML forbids the first; the second would silently bind the alias's name).
 * Plain integers are read as decimal ({@code 0123} is 123, not YAML 1.1 octal), decimals exactly.
 */
final class YamlTreeReader {
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?[0-9]+");

    // "key:" with no value is null (absent-looking), never an empty string
    private final YAMLFactory factory = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** The document and where its parts are; the root is empty when the file holds no document. */
    record ParsedYaml(Optional<JsonNode> root, SourceMap sourceMap) {}

    ParsedYaml read(String text, Path file) throws ConfigException {
        SourceMap.Builder map = new SourceMap.Builder(file);
        List<ConfigDiagnostic> problems = new ArrayList<>();
        try (JsonParser parser = factory.createParser(stripByteOrderMark(text))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ParsedYaml(Optional.empty(), map.build());
            }
            JsonNode root = readValue(parser, "", map, problems, file);
            if (parser.nextToken() != null) {
                problems.add(ConfigDiagnostic.error(file, line(parser), column(parser), "",
                        "more than one YAML document (---); put everything in one"));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new ParsedYaml(Optional.of(root), map.build());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml) {
                throw new ConfigException(List.of(syntaxError(yaml, file)));
            }
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
            throw new ConfigException(List.of(
                    ConfigDiagnostic.error(file, line, column, "", "YAML syntax error: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigDiagnostic.error(file, 0, 0, "", "cannot read: " + e.getMessage())));
        }
    }

    private JsonNode readValue(JsonParser parser, String path, SourceMap.Builder map, List<ConfigDiagnostic> problems, Path file)
            throws IOException {
        JsonToken token = parser.currentToken();
        map.value(path, location(parser.currentTokenLocation()));
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(ConfigDiagnostic.error(file, line(parser), column(parser), path,
                    "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser, path, map, problems, file);
            case START_ARRAY:
                return readArray(parser, path, map, problems, file);
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                map.scalarText(path, parser.getText());
                return integer(parser);
            case VALUE_NUMBER_FLOAT:
                map.scalarText(path, parser.getText());
                return decimal(parser);
            case VALUE_TRUE:
            case VALUE_FALSE:
                map.scalarText(path, parser.getText());
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                map.scalarText(path, parser.getText());
                return nodes.nullNode();
            default:
                // YAML has no embedded objects; anything else is a parser surprise worth naming.
                problems.add(ConfigDiagnostic.error(file, line(parser), column(parser), path, "unexpected YAML token " + token));
                return nodes.nullNode();
        }
    }

    private ObjectNode readObject(JsonParser parser, String path, SourceMap.Builder map, List<ConfigDiagnostic> problems, Path file)
            throws IOException {
        ObjectNode object = nodes.objectNode();
        java.util.Map<String, SourceMap.Location> seen = new java.util.HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = SourceMap.child(path, key);
            SourceMap.Location keyAt = location(parser.currentTokenLocation());
            parser.nextToken();
            SourceMap.Location first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(ConfigDiagnostic.error(file, keyAt.line(), keyAt.column(), keyPath,
                        "duplicate key (first at line " + first.line() + ")"));
                readValue(parser, keyPath + "#duplicate", new SourceMap.Builder(file), problems, file);
                continue;
            }
            map.key(keyPath, keyAt);
            object.set(key, readValue(parser, keyPath, map, problems, file));
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path, SourceMap.Builder map, List<ConfigDiagnostic> problems, Path file)
            throws IOException {
        ArrayNode array = nodes.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser, SourceMap.item(path, array.size()), map, problems, file));
        }
        return array;
    }

    private JsonNode integer(JsonParser parser) throws IOException {
        String text = parser.getText();
        BigInteger value = DECIMAL_INTEGER.matcher(text).matches() ? new BigInteger(text) : parser.getBigIntegerValue();
        if (value.bitLength() < 32) {
            return nodes.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return nodes.numberNode(value.longValue());
        }
        return nodes.numberNode(value);
    }

    private JsonNode decimal(JsonParser parser) throws IOException {
        try {
            return nodes.numberNode(new BigDecimal(parser.getText()));
        } catch (NumberFormatException e) {
            // .inf, .nan and the like: keep YAML's reading
            return nodes.numberNode(parser.getDoubleValue());
        }
    }

    private static ConfigDiagnostic syntaxError(MarkedYAMLException e, Path file) {
        String problem = oneLine(e.getProblem());
        String context = oneLine(e.getContext());
        Mark contextMark = e.getContextMark();
        // two slips whose problem mark lands on the next line: point at where they start instead
        if (problem.startsWith("could not find expected ':'") && contextMark != null) {
            return located(file, contextMark, "YAML syntax error: expected `key: value` here (a colon and a space after the key)");
        }
        if (context.contains("quoted scalar") && contextMark != null) {
            return located(file, contextMark, "YAML syntax error: this quote is never closed");
        }
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : contextMark;
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
        if (!context.isEmpty() && contextMark != null) {
            message.append(" (").append(context).append(" at line ").append(contextMark.getLine() + 1).append(')');
        }
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            message.append("; indent with spaces, not tabs");
        } else if (problem.contains("block mapping start") || problem.contains("mapping values are not allowed")) {
            message.append("; check the indentation and that a space follows each colon");
        }
        return located(file, mark, message.toString());
    }

    private static ConfigDiagnostic located(Path file, Mark mark, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return ConfigDiagnostic.error(file, line, column, "", message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static SourceMap.Location location(JsonLocation location) {
        return new SourceMap.Location(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }

    private static int line(JsonParser parser) {
        return Math.max(parser.currentTokenLocation().getLineNr(), 1);
    }

    private static int column(JsonParser parser) {
        return Math.max(parser.currentTokenLocation().getColumnNr(), 1);
    }
}
