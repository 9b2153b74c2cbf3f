package com.acme.registry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code registry-cli}: command line tools of the model registry. */
@Command(name = "registry-cli", mixinStandardHelpOptions = true, version = "registry-cli 0.1.0",
        description = "Command line tools of the model registry.",
        subcommands = {VerifyCommand.class, CommandLine.HelpCommand.class})
public class RegistryCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command (verify)");
    }

    /** The command line, ready to {@code execute}: exit 0 verified, 1 does not verify, 2 usage error. */
    public static CommandLine commandLine() {
        return new CommandLine(new RegistryCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
