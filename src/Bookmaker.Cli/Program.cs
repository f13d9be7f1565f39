// Placeholder entry point; the command tree is built in Commands/.
return 0;
