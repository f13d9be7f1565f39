// The whole command tree lives in BookmakerCli and Commands/; this file only binds it to the console.
return Bookmaker.Cli.BookmakerCli.Run(args, Console.Out, Console.Error);
