package org.edgenas.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Node;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;

/**
 * Reads the structure back out of a generated PyTorch file with regular expressions, independently of the generator:
 * one {@link Op} per forward statement, with the constructor arguments of the module it calls and the variables it
 * reads. {@link #expected} gives the same dump straight from an architecture.
 */
final class PythonStructure {

    /**
     * One forward statement: a module type (or {@code add}, {@code channelmul}, {@code zero}), its arguments, and its
     * inputs.
     */
    record Op(String kind, Map<String, String> args, List<Integer> inputs) {
    }

    private static final Pattern MODULE = Pattern.compile("^ {8}self\\.(\\w+) = nn\\.(\\w+)\\((.*)\\)$");
    private static final Pattern STATEMENT = Pattern.compile("^ {8}y(\\d+) = (.+?)  # .+$");
    private static final Pattern CALL = Pattern.compile("self\\.(\\w+)\\((.+)\\)");
    private static final Pattern ZERO = Pattern.compile("(x|y\\d+) \\* 0\\.0");
    private static final Pattern PRODUCT = Pattern.compile("(x|y\\d+)(?:\\.reshape\\(.*?\\))? \\* (x|y\\d+)(?:\\.reshape\\(.*\\))?");
    private static final Pattern TERM = Pattern.compile("(?:torch\\.flatten\\()?(x|y\\d+)(?:, 1\\))?");
    private static final Pattern CALL_ARG = Pattern.compile("(?:torch\\.flatten\\()?(x|y\\d+)(?:, 1\\)|\\.reshape\\(.*\\))?");

    private PythonStructure() {
    }

    /** The forward statements of {@code source}, in order; fails on a statement it cannot read. */
    static List<Op> parse(String source) {
        Map<String, Op> modules = new LinkedHashMap<>();
        List<Op> ops = new ArrayList<>();
        for (String line : source.split("\n")) {
            Matcher m = MODULE.matcher(line);
            if (m.matches()) {
                modules.put(m.group(1), new Op(m.group(2), arguments(m.group(3)), List.of()));
                continue;
            }
            Matcher s = STATEMENT.matcher(line);
            if (!s.matches()) {
                continue;
            }
            if (Integer.parseInt(s.group(1)) != ops.size()) {
                throw new AssertionError("statement y" + s.group(1) + " out of order: " + line);
            }
            String rhs = s.group(2);
            Matcher call = CALL.matcher(rhs);
            Matcher zero = ZERO.matcher(rhs);
            if (call.matches()) {
                Op module = modules.get(call.group(1));
                if (module == null) {
                    throw new AssertionError("forward calls undefined module " + call.group(1));
                }
                Matcher arg = CALL_ARG.matcher(call.group(2));
                if (!arg.matches()) {
                    throw new AssertionError("unreadable argument in " + line);
                }
                ops.add(new Op(module.kind(), module.args(), List.of(variable(arg.group(1)))));
            } else if (zero.matches()) {
                ops.add(new Op("zero", Map.of(), List.of(variable(zero.group(1)))));
            } else if (PRODUCT.matcher(rhs).matches()) {
                Matcher product = PRODUCT.matcher(rhs);
                product.matches();
                ops.add(new Op("channelmul", Map.of(), List.of(variable(product.group(1)),
                        variable(product.group(2)))));
            } else {
                List<Integer> inputs = new ArrayList<>();
                for (String term : rhs.split(" \\+ ")) {
                    Matcher t = TERM.matcher(term);
                    if (!t.matches()) {
                        throw new AssertionError("unreadable statement " + line);
                    }
                    inputs.add(variable(t.group(1)));
                }
                ops.add(new Op("add", Map.of(), inputs));
            }
        }
        return ops;
    }

    /** The dump an exact export of {@code a} must give. */
    static List<Op> expected(Architecture a) {
        List<Op> ops = new ArrayList<>();
        for (Node n : a.nodes()) {
            Map<String, String> args = new LinkedHashMap<>();
            String kind = switch (n.layer()) {
                case Conv2d c -> {
                    args.put("in", Integer.toString(c.inChannels()));
                    args.put("out", Integer.toString(c.outChannels()));
                    args.put("kernel_size", Integer.toString(c.kernel()));
                    args.put("stride", Integer.toString(c.stride()));
                    args.put("padding", Integer.toString(c.padding()));
                    args.put("groups", Integer.toString(c.groups()));
                    args.put("bias", c.bias() ? "True" : "False");
                    yield "Conv2d";
                }
                case Linear l -> {
                    args.put("in", Integer.toString(l.inFeatures()));
                    args.put("out", Integer.toString(l.outFeatures()));
                    args.put("bias", l.bias() ? "True" : "False");
                    yield "Linear";
                }
                case BatchNorm b -> {
                    args.put("in", Integer.toString(b.channels()));
                    yield "BatchNorm2d";
                }
                case AvgPool p -> {
                    args.put("kernel_size", Integer.toString(p.kernel()));
                    args.put("stride", Integer.toString(p.stride()));
                    args.put("padding", Integer.toString(p.padding()));
                    args.put("count_include_pad", "False");
                    yield "AvgPool2d";
                }
                case MaxPool p -> {
                    args.put("kernel_size", Integer.toString(p.kernel()));
                    args.put("stride", Integer.toString(p.stride()));
                    args.put("padding", Integer.toString(p.padding()));
                    yield "MaxPool2d";
                }
                case GlobalAvgPool g -> {
                    args.put("in", "1");
                    yield "AdaptiveAvgPool2d";
                }
                case ReLU r -> "ReLU";
                case ReLU6 r -> "ReLU6";
                case HardSigmoid h -> "Hardsigmoid";
                case Sigmoid g -> "Sigmoid";
                case ChannelMul m -> "channelmul";
                case Identity i -> "Identity";
                case Add s -> "add";
                case Zero z -> "zero";
            };
            ops.add(new Op(kind, args, n.inputs()));
        }
        return ops;
    }

    /** Positional arguments become {@code in}, {@code out}; keywords keep their names. */
    private static Map<String, String> arguments(String text) {
        Map<String, String> args = new LinkedHashMap<>();
        if (text.isBlank()) {
            return args;
        }
        String[] positional = {"in", "out"};
        int p = 0;
        for (String part : text.split(", ")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                args.put(positional[p++], part);
            } else {
                args.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return args;
    }

    private static int variable(String name) {
        return name.equals("x") ? Architecture.INPUT : Integer.parseInt(name.substring(1));
    }
}
