package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void safeArgumentsStayAsTheyAre() {
        assertEquals("./nas export --space nb201 --out runs/a.py k3n8s1-fc64",
                ShellCommand.of(List.of("export", "--space", "nb201", "--out", "runs/a.py", "k3n8s1-fc64")));
    }

    @Test
    void specialCharactersAreSingleQuotedAndQuotesEscaped() {
        assertEquals("'|none~0|+|none~0|none~1|'", ShellCommand.quote("|none~0|+|none~0|none~1|"));
        assertEquals("'my file.csv'", ShellCommand.quote("my file.csv"));
        assertEquals("'it'\\''s'", ShellCommand.quote("it's"));
        assertEquals("'$HOME'", ShellCommand.quote("$HOME"));
        assertEquals("''", ShellCommand.quote(""));
    }

    @Test
    void aShellGivesBackTheSameArguments() throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "no /bin/sh here; skipping");
        List<String> args = List.of("|nor_conv_3x3~0|+|none~0|", "it's", "$HOME", "", "a b", "back\\slash", "*");
        // the command line's words, each printed on its own line by printf
        String line = ShellCommand.of(args).replaceFirst("^\\./nas", "printf '%s\\\\n'");
        Process p = new ProcessBuilder(sh.toString(), "-c", line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(String.join("\n", args) + "\n", out);
    }
}
