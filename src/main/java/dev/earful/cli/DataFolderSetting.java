package dev.earful.cli;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds the data-folder setting ({@code --data}, {@code EARFUL_DATA}) as an option to a command that
 * reads or writes the data folder; one class for every such command instead of a copy each.
 */
public final class DataFolderSetting implements IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec spec) {
    return SettingOptions.add(spec, "EARFUL_DATA");
  }
}
