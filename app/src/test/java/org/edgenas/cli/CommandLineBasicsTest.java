package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command does with help requests and with the option errors users make most. */
class CommandLineBasicsTest {

    private static final String NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    @Test
    void helpExitsZeroForEveryCommandAndPrintsItsUsage() {
        for (String command : Nas.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            for (String flag : new String[] {"--help", "-h"}) {
                ConfigErrorTest.Result r = ConfigErrorTest.run(command, flag);
                assertEquals(0, r.status(), command + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: nas " + command), command + " " + flag + ": " + r.out());
            }
        }
    }

    @Test
    void settingErrorsNameTheOptionTheyCameFrom() {
        ConfigErrorTest.Result r = ConfigErrorTest.run("proxy", "--space", "nb201", "--proxy", "naswot", "--set",
                "batch=abc", "--arch", NONE);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("error: --set: batch: expected an integer in [1, 4096], got 'abc' (text)"),
                r.err());
    }

    @Test
    void outputThatIsADirectoryIsAUsageErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
        ConfigErrorTest.Result r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201",
                "--arch", NONE, "--output", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--output " + dir + ": is a directory; give a file name"), r.err());
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "no temporary file may be left behind");
        }
    }

    @Test
    void aBinaryFileGivenAsAListOfArchitecturesIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path input = Files.write(dir.resolve("in.txt"), new byte[] {'a', 'b', '\n', (byte) 0xff, (byte) 0xfe});
        ConfigErrorTest.Result r = ConfigErrorTest.run("estimate", "--board", "jetson-tx2", "--space", "nb201",
                "--input", input.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(input + ":2: not a text file (found byte 0xff, which is not UTF-8)"), r.err());
    }
}
