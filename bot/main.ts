import { loadConfig, ConfigError } from './config/appConfig';
import { createApp } from './app';
import { SettingsError } from '../shared/settings/auditTypeSettings';
import { TemplateFileError } from '../shared/templates/templateCatalogue';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Practice Audit cannot start.\n${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let app;
  try {
    app = await createApp(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SettingsError || e instanceof TemplateFileError) {
      console.error(`Practice Audit cannot start.\n${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  await app.server.listen({ port: config.port, host: config.host });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}/`;
  if (config.mode === 'tenant') console.log(`\nPractice Audit is running in tenant mode (SharePoint store, Teams sign-in) on port ${port}, for ${config.publicUrl}.\n`);
  else console.log(`\nPractice Audit is running in ${config.mode} mode (embedded SQLite store, demo data).\nOpen ${url} in your browser and pick a demo user to sign in.\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('Practice Audit stopped:', e instanceof Error ? e.message : e);
  process.exit(1);
});
