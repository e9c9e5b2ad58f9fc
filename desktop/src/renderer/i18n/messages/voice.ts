import { defineMessages } from '../define.ts';

/** Recording a voice note in the reply box. */
export const voice = defineMessages(
  {
    'voice.record': 'Grabar nota de voz',
    'voice.recording': 'Grabando nota de voz',
    'voice.recordingShort': 'Grabando',
    'voice.cancel': 'Descartar',
    'voice.send': 'Enviar nota de voz',
    'voice.stop': 'Detener y escuchar',
    'voice.recorded': 'Nota de voz grabada',
    'voice.listen': 'Escuchar la nota de voz',
    'voice.denied': 'No se puede usar el micrófono: no hay permiso. Actívalo en la configuración del sistema o del navegador.',
    'voice.noMicrophone': 'No se encuentra ningún micrófono en este equipo.',
    'voice.failed': 'No se pudo empezar a grabar. Inténtalo de nuevo.',
    'voice.insecure': 'Para grabar, abre la consola con https (o en la aplicación de escritorio): el navegador no da el micrófono a una página sin cifrar.',
  },
  {
    'voice.record': 'Record a voice note',
    'voice.recording': 'Recording a voice note',
    'voice.recordingShort': 'Recording',
    'voice.cancel': 'Discard',
    'voice.send': 'Send voice note',
    'voice.stop': 'Stop and listen',
    'voice.recorded': 'Recorded voice note',
    'voice.listen': 'Listen to the voice note',
    'voice.denied': 'The microphone cannot be used: permission denied. Allow it in the system or browser settings.',
    'voice.noMicrophone': 'No microphone was found on this computer.',
    'voice.failed': 'Recording could not start. Try again.',
    'voice.insecure': 'To record, open the console over https (or in the desktop app): browsers do not give the microphone to an unencrypted page.',
  },
);
