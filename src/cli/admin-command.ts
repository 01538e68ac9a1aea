import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Readable, Writable } from 'node:stream';
import { AppModule } from '../app.module';
import { Role } from '../common/auth/role';
import { flattenValidationErrors } from '../common/errors/validation';
import { AppConfig } from '../config/app-config';
import { PasswordResetsService } from '../modules/auth/password-resets.service';
import { CreateUserDto } from '../modules/auth/users.dto';
import { UsersService } from '../modules/auth/users.service';
import { User } from '../modules/auth/user.entity';
import { DataSource } from 'typeorm';

export interface CommandIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

export const ADMIN_USAGE = `usage:
  npm run osm -- admin create --email <email> [--name <display name>]
      creates an admin; the password is read from stdin (piped) or asked for (a terminal), never from argv
  npm run osm -- admin reset-password --email <email>
      prints a one-time password reset token for that user (redeem it with POST /api/v1/auth/password-resets)
`;

/** `--email a@b --name "X Y"` → { email: 'a@b', name: 'X Y' }; undefined on anything else. */
function parseFlags(args: string[]): Record<string, string> | undefined {
  const flags: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (!flag?.startsWith('--') || value === undefined) return undefined;
    flags[flag.slice(2)] = value;
  }
  return flags;
}

/** The first line of piped stdin, or a prompt on a terminal that does not echo what is typed. */
async function readPassword(io: CommandIo, prompt: string): Promise<string> {
  if (!io.stdin.isTTY) {
    let text = '';
    for await (const chunk of io.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  io.stderr.write(prompt);
  io.stdin.setRawMode?.(true);
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          io.stdin.setRawMode?.(false);
          io.stdin.off('data', onData);
          io.stdin.pause();
          io.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}

/**
 * `osm admin …`: the production first start (an admin on an empty database) and an operator's password
 * reset. Boots the service's modules without HTTP, scheduler or webhook worker, on the configured
 * database (DATABASE_URL, else the embedded one), with migrations as configured.
 */
export async function runAdminCommand(args: string[], io: CommandIo, config: AppConfig): Promise<number> {
  const [command, ...rest] = args;
  const flags = parseFlags(rest);
  if (!flags || !flags.email || !['create', 'reset-password'].includes(command ?? '')) {
    io.stderr.write(ADMIN_USAGE);
    return 2;
  }
  if ('password' in flags) {
    io.stderr.write(
      'The password is never taken from the command line (shell history, ps); pipe it or type it.\n',
    );
    return 2;
  }

  let input: CreateUserDto | undefined;
  if (command === 'create') {
    const password = await readPassword(io, 'Password for the new admin (12+ characters): ');
    if (io.stdin.isTTY && (await readPassword(io, 'Repeat it: ')) !== password) {
      io.stderr.write('The two passwords differ.\n');
      return 1;
    }
    input = plainToInstance(CreateUserDto, {
      email: flags.email,
      displayName: flags.name ?? 'Administrator',
      password,
      role: Role.ADMIN,
    });
    const errors = flattenValidationErrors(await validate(input, { whitelist: true }));
    if (errors.length) {
      io.stderr.write(errors.map((error) => `${error.field}: ${error.message}\n`).join(''));
      return 1;
    }
  }

  const app = await NestFactory.createApplicationContext(
    AppModule.register({ ...config, schedulerEnabled: false, webhookWorkerEnabled: false, demoData: false }),
    { logger: ['error', 'warn'], abortOnError: false },
  );
  try {
    if (input) {
      const user = await app.get(UsersService).createUser(input);
      io.stdout.write(`admin ${user.email} created (id ${user.id}); sign in with POST /api/v1/auth/token\n`);
      return 0;
    }
    const user = await app
      .get(DataSource)
      .getRepository(User)
      .findOneBy({ email: flags.email.trim().toLowerCase() });
    if (!user) {
      io.stderr.write(`No user has the email ${flags.email}.\n`);
      return 1;
    }
    const { resetToken, expiresAt } = await app.get(PasswordResetsService).issue(user.id, null);
    io.stdout.write(
      `one-time reset token for ${user.email}, valid until ${expiresAt.toISOString()}:\n${resetToken}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}
