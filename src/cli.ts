import { ConfigError, loadConfig } from './config';
import { MigrationError, openDatabase } from './db/client';
import { OrgFileError } from './org/parse-org';
import { describeImport, importOrgFile } from './runtime';

const USAGE = `用法（usage）:
  npm run duban -- org import <FILE>     导入/更新组织架构（单位、人员、角色），重复导入不产生变化
  npm run duban -- help                  显示本帮助`;

/** The office's command line. Each subcommand prints what it did and exits non-zero on failure. */
export async function runCli(argv: string[], env = process.env): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  const config = loadConfig(env);
  if (cmd === 'org' && sub === 'import' && rest[0]) {
    const db = openDatabase(config.databasePath);
    try {
      const r = importOrgFile(db, rest[0], 'cli', new Date());
      console.log(`组织架构已导入（${rest[0]}）：${describeImport(r)}`);
      return 0;
    } finally {
      db.$client.close();
    }
  }
  console.error(`无法识别的命令：${argv.join(' ')}\n${USAGE}`);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      if (err instanceof ConfigError || err instanceof MigrationError || err instanceof OrgFileError) {
        console.error(err.message);
      } else console.error(err);
      process.exit(1);
    },
  );
}
